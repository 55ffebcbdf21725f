"""Serve Netwerkscan: ``streamlit run serve.py`` (what ``make run`` does).

The app itself is ``app.py``; this file runs it in Streamlit's ASGI mode with three routes of our
own, so the login cookie is set by the server as HttpOnly (see netscan_app/session_routes.py).
"""

import streamlit as st

from netscan_app import preload
from netscan_app.session_routes import routes

app = st.App("app.py", routes=routes())
preload.start()  # the content, the store and the pages' modules, before the first visitor asks

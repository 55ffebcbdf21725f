"""Netwerkscan's Streamlit app: `make run` (or `streamlit run app.py`). The pages live in netscan_app/."""

from netscan_app.main import main

main()

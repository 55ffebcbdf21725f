"""Netwerkscan's Streamlit app: pages, the UI's words (nl/en), sign-in and the questionnaire form.

Streamlit lives only here; the diagnostic core (``diagnose``) never imports it.
"""

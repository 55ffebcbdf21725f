"""The app's pages: each module is a Streamlit page script whose ``render()`` runs as ``__main__``."""

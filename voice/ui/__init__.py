"""The Streamlit explorer. Only this package imports streamlit; pages are thin over voice.store.queries."""

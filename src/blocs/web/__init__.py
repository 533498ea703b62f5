"""The web app and API (`blocs serve`): see `app.py`."""

from blocs.web.app import create_app
from blocs.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]

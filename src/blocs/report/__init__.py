"""The HTML report: the alignment model's outputs as figures and tables that link to evidence.

`plots` draws SVG from plain data (the web app reuses it); `gather` runs the model over a
store; `figures` and `render` turn that into a page; `build` writes it.
"""

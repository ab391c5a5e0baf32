"""Build tools for the fact-check briefing.

The pipeline, one module per stage:

    load      files on disk -> parsed documents with source positions
    validate  documents -> checked model (model.py) and a list of problems
    compare   claims -> figure comparisons (agreement status per measure)
    render    model + comparisons -> pages (path -> Markdown) and data files

The CLI (``python -m build_tools``) and the MkDocs plugin (plugin.py, the
only module that imports the engine) are thin adapters that only call these
stages.
"""

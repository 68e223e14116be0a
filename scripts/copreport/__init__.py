"""Reports of the Nationaal Netwerk Brede Welvaart's Community of Practice sessions.

The package follows the stages of the work: `source` reads and validates the
content files into one `model.Session`; `pdf`, `web` and `docx` render that model.
"""

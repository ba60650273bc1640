"""Text to judgements: four styles, deadlines, owners, hollowness, checklists.

Knows nothing of files: it reads strings and the domain data in `corpora/`.
"""

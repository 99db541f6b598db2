"""Development-only code: the sample-document generator, demo data and bench commands.

Only the dev and test settings install this app; production settings never import it (nor Faker).
"""

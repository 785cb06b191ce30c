"""Defaults every command shares (a leaf module: it imports nothing, so the fastest command pays
nothing for it)."""

#: the database every command uses unless given ``--db``
DEFAULT_DB = "vncite.db"

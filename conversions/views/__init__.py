"""营转非 pages: the board, the ledger (台账), the case page and the actions on it."""

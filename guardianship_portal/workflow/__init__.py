"""The transition engine every workflow shares (applications, complaints): see engine.py."""

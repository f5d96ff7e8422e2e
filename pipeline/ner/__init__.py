"""Training and evaluation of the project's own German NER model."""

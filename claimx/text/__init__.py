"""Text structure before any number is read: markup cleaned with an offset map, sentences, essays."""

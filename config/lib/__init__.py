"""Plain helpers shared by both apps: text folding, abstract models, admin building blocks."""

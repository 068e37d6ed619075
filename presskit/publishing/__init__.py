"""The press office's one visibility gate: what the public may see, who may publish it.

models.py declares the gate, services.py publishes and withdraws and says
when pages next change by themselves, admin.py keeps editors from widening
what the public sees. Both apps' public records build on it.
"""

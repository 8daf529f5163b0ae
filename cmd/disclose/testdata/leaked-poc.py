# ADV-2025-0042 proof of concept, case QDRXE28W9CCQM: program use only.
print("Proof of concept for ADV-2025-0042: a harmless placeholder, not a working exploit.")

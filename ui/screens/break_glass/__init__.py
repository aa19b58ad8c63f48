"""Break-the-glass: open another ward's patient for a limited time, with a reason."""

"""Pure scoring computation (numpy/pandas): no Qt, no SQL."""

"""The coverage matrix tab: cities × indicators coloured by the state of their data."""

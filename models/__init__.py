"""The application's data and rules, Qt-free: framework, cities, campaigns, observations, store."""

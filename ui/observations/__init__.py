"""The observation table tab: every observation of the campaign, filtered and sorted."""

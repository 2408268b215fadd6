"""Everything Qt: windows, views, dialogs and item-model adapters over `models`."""

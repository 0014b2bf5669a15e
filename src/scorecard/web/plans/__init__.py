"""The corporate plan and its quarterly figures: themes, measures, values, actions, narrative."""

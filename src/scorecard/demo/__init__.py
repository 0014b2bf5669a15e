"""The Harrow Strategic Performance Report for Q2 2018/19, transcribed as a dataset."""

"""The quarterly Strategic Performance Report: a document model built from the core's
judgements (`document`), rendered as accessible HTML (`html`) and tagged PDF (`pdf`).
"""

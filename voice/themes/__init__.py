"""Themes: taxonomy, rule tagger, safety polarity, language check and the trained classifier.

Everything here runs on redacted text only: a model trained on raw notes would memorise
names in its vocabulary.
"""

"""The build stage: statements -> RDF knowledge graph (``graph``) and its OWL view (``owl``)."""

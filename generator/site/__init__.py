"""Records to briefs: the render driver, page views, templates' data, downloads and charts."""

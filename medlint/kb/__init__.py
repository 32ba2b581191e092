"""Knowledge base: curated regulatory facts and imported drug lexicons."""

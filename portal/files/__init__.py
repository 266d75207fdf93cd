"""Files that are not public: their storage, their content checks and their sending."""

"""Developer tools: system packages (system_packages.py), the benchmark (bench/)."""

curl http://localhost:7860/health

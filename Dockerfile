# Dateline container: ingest on startup, then serve on :8080. Sources and the database live on /data.
#
#   docker build -t dateline .
#   docker run -p 8080:8080 -v "$PWD/scrapes:/data/sources:ro" -e DATELINE_SOURCES=/data/sources dateline
#
# Without a volume the image serves its own Samples/. The steps below are exercised in CI without a
# Docker engine by scripts/container-check.sh (same build flags, same files, clean environment).

# Build: the official Swift 6 image on Debian bookworm; the Swift runtime is linked statically.
ARG SWIFT_IMAGE=swift:6.3-bookworm
FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-dev zlib1g-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so source edits reuse the resolved-package layer.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
RUN swift build -c release --static-swift-stdlib --product dateline \
    && install -D "$(swift build -c release --show-bin-path)/dateline" /out/dateline

# Run: slim Debian with only what the binary links (libsqlite3; zlib, libstdc++ and libc are in the
# base image), as a non-root user.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-0 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home --home-dir /app dateline \
    && mkdir -p /data/sources \
    && chown -R dateline /data
WORKDIR /app
COPY --from=build /out/dateline /usr/local/bin/dateline
COPY config.json ./
COPY Public ./Public
COPY Samples ./Samples
USER dateline
ENV DATELINE_HOST=0.0.0.0 \
    DATELINE_PORT=8080 \
    DATELINE_DATABASE=/data/dateline.sqlite \
    DATELINE_LOG_FORMAT=json
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=4s --start-period=60s --retries=3 CMD ["dateline", "healthcheck"]
# Ingests DATELINE_SOURCES (default: the bundled Samples) on startup, then serves; SIGHUP re-ingests.
CMD ["dateline", "serve"]

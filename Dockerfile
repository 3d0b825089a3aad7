# Build: the official Swift 6 image on Debian bookworm, static Swift standard library.
FROM swift:6.0-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev zlib1g-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
RUN swift build -c release --static-swift-stdlib --product dateline \
    && cp "$(swift build -c release --show-bin-path)/dateline" /dateline

# Run: slim Debian with only the runtime libraries, as a non-root user; sources and database on /data.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-0 zlib1g libcurl4 libxml2 tzdata ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app dateline
WORKDIR /app
COPY --from=build /dateline /usr/local/bin/dateline
COPY config.json ./
COPY Samples ./Samples
RUN mkdir -p /data/sources && chown -R dateline /data
VOLUME /data
USER dateline
ENV DATELINE_DATABASE=/data/dateline.sqlite
# Put scrapes in /data/sources and set DATELINE_SOURCES=/data/sources; by default the samples are used.
CMD ["dateline", "ingest"]

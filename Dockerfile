# GHL Data: one image for every node role (NODE_ROLES=http,store / worker / all three).
#   docker build -t ghl-data .
#   docker compose up -d --scale worker=3     (docker-compose.yml: PostgreSQL, Redis, api, workers)

# --- build: the fat jar, with Maven on a Temurin 17 JDK ---------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The dependencies in a layer of their own, rebuilt only when pom.xml changes.
COPY pom.xml ./
RUN mvn -B -ntp -q dependency:go-offline
COPY conf ./conf
COPY src/main ./src/main
# Tests run in CI against real PostgreSQL and Redis, not here; no class-data-sharing archive
# (-Dmaven.antrun.skip): the image ships the jar alone.
RUN mvn -B -ntp -q -Dmaven.test.skip=true -Dmaven.antrun.skip package

# --- runtime: the jar on a Temurin 17 JRE, as a user without privileges --------------------------
FROM eclipse-temurin:17-jre
# A fixed numeric id, so that Kubernetes' runAsNonRoot can check it; /app/data is DATA_DIR
# (uploads on their way into PostgreSQL), the only place the app writes besides /tmp.
RUN groupadd --system --gid 10001 ghl \
    && useradd --system --uid 10001 --gid ghl --home-dir /app --no-create-home --shell /usr/sbin/nologin ghl \
    && mkdir -p /app/data \
    && chown ghl:ghl /app/data
WORKDIR /app
COPY --from=build /src/target/ghl-data-saas.jar ./ghl-data-saas.jar
COPY docker/entrypoint.sh docker/healthcheck.sh ./
# Production defaults, set here rather than left to the app: LOG_FORMAT=json for a log collector,
# and both servers on every interface (outside production the app listens on 127.0.0.1, which no
# other container could reach). The heap follows the container's memory limit; an
# OutOfMemoryError ends the JVM so that the container restarts, and its jobs go to other workers.
# The --add-* flags are the JDK internals Hazelcast asks for: without them it prints a warning of
# several plain-text lines at start, outside the JSON log.
ENV APP_ENV=production \
    LOG_FORMAT=json \
    HTTP_HOST=0.0.0.0 \
    MANAGEMENT_HOST=0.0.0.0 \
    DATA_DIR=/app/data \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError \
--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.management/sun.management=ALL-UNNAMED \
--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED"
USER 10001:10001
# HTTP, management (/health/*, /metrics), Hazelcast (the event bus picks a free port of its own).
EXPOSE 8080 9090 5701
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 CMD ["/app/healthcheck.sh"]
ENTRYPOINT ["/app/entrypoint.sh"]

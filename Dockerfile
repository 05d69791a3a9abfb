# Build: plain Maven on a JDK 17 image. Run: JRE 17, non-root, data as a volume, port 8080.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline || true
COPY src src
COPY bench bench
COPY index-schema index-schema
COPY crawler-config crawler-config
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system sdg && useradd --system --gid sdg --home-dir /app sdg \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=sdg:sdg /build/target/quarkus-app/ /app/
COPY --chown=sdg:sdg crawler-config /app/crawler-config
COPY --chown=sdg:sdg index-schema /app/index-schema
RUN mkdir -p /app/data && chown sdg:sdg /app/data
USER sdg
VOLUME ["/app/data"]
EXPOSE 8080
ENV JAVA_OPTS="-Xmx1g" SDG_DATA_DIR=/app/data
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/q/health/ready || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -Djava.util.logging.manager=org.jboss.logmanager.LogManager -jar /app/quarkus-run.jar"]

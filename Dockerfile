# govwatch services image: one image, the command chooses the service
#   docker build -t govwatch .
#   docker run --rm govwatch --help
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The registry server is not part of the image (compose runs Apicurio's own); build the rest.
RUN ./mvnw -B -q -DskipTests -pl cli -am install \
 && ./mvnw -B -q -pl cli dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp cli/target/govwatch-cli-*.jar /app/govwatch-cli.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/govwatch govwatch && mkdir -p /var/lib/govwatch && chown govwatch /var/lib/govwatch
COPY --from=build /app /app
USER govwatch
WORKDIR /var/lib/govwatch
ENV JAVA_TOOL_OPTIONS="-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.govwatch.schemas"
ENTRYPOINT ["java", "-cp", "/app/govwatch-cli.jar:/app/lib/*", "dev.govwatch.cli.Govwatch"]
CMD ["--help"]

# syntax=docker/dockerfile:1
# Tollgate's image: built with the Maven wrapper, run from Spring Boot's layered jar as a non-root
# user. docker build -t tollgate:0.1.0 .   (the README says more; the chart runs it).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/main/ src/main/
# The tests run in CI, not here: they need a browser and the whole test tree.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -Dmaven.test.skip=true package \
 && cp target/tollgate-*.jar app.jar \
 && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
WORKDIR /app
# Least to most often changed, so a code change rebuilds only the last layers.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# The embedded default (demo routes and demo credentials); the Helm chart mounts its own config/.
COPY config/ config/
# Numeric, so Kubernetes can verify runAsNonRoot; owns nothing in the image, which it only reads.
USER 10001:10001
EXPOSE 8080 8081
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

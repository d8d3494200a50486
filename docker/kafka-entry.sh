#!/bin/bash
# Each broker's entry point (docker-compose.yml): on first start, formats the storage with the
# SCRAM-SHA-512 credential of the super user and of each hub service (KRaft takes bootstrap
# credentials only at format time), then runs the apache/kafka image's own start script. The
# passwords come from the shell (HUB_KAFKA_*_PASSWORD); an organisation's are added later with
# kafka-configs.sh (README, "Publishing over Kafka").
set -euo pipefail
props=/opt/kafka/config/server.properties
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  /etc/kafka/docker/configure
  /opt/kafka/bin/kafka-storage.sh format -t "$CLUSTER_ID" -c "$props" \
    -S "SCRAM-SHA-512=[name=hub-admin,password=${HUB_KAFKA_ADMIN_PASSWORD}]" \
    -S "SCRAM-SHA-512=[name=hub-api,password=${HUB_KAFKA_API_PASSWORD}]" \
    -S "SCRAM-SHA-512=[name=hub-relay,password=${HUB_KAFKA_RELAY_PASSWORD}]" \
    -S "SCRAM-SHA-512=[name=hub-router,password=${HUB_KAFKA_ROUTER_PASSWORD}]"
fi
# The healthcheck's client settings: the super user (nothing answers an unauthenticated client).
printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="hub-admin" password="%s";\n' \
  "$HUB_KAFKA_ADMIN_PASSWORD" > /tmp/admin.properties
exec /etc/kafka/docker/run

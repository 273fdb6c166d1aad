#!/bin/bash
# Creates Chancery's topics on the compose broker, with the partitions and retention they need
# (the same catalogue as org.chancery.events.Topics; a test keeps the two equal).
set -euo pipefail
bootstrap="${BOOTSTRAP_SERVERS:-kafka:29092}"
admin="${ADMIN_CONFIG:-/etc/kafka/secrets/broker-admin.properties}"
week=604800000
month=2592000000

create() {
  local topic=$1 partitions=$2
  shift 2
  local configs=()
  for config in "$@"; do configs+=(--config "$config"); done
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --command-config "$admin" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1 "${configs[@]}"
}

# Each step of a path has a topic per lane: urgent (FLASH, IMMEDIATE) and routine (PRIORITY, ROUTINE).
create chancery.dispatch.embassy.urgent 6 retention.ms=$week
create chancery.dispatch.hotline.urgent 6 retention.ms=$week
create chancery.dispatch.protecting-power.urgent 6 retention.ms=$week
create chancery.delivery.urgent 6 retention.ms=$week
create chancery.notices.urgent 6 retention.ms=$week
create chancery.dispatch.embassy.routine 6 retention.ms=$week
create chancery.dispatch.hotline.routine 6 retention.ms=$week
create chancery.dispatch.protecting-power.routine 6 retention.ms=$week
create chancery.delivery.routine 6 retention.ms=$week
create chancery.notices.routine 6 retention.ms=$week
create chancery.registry.missions 1 cleanup.policy=compact message.timestamp.type=LogAppendTime
create chancery.registry.hotlines 1 cleanup.policy=compact message.timestamp.type=LogAppendTime
create chancery.registry.mandates 1 cleanup.policy=compact message.timestamp.type=LogAppendTime
create chancery.tokens.revoked 1 cleanup.policy=compact
create chancery.dead-letter 3 retention.ms=$month
echo "topics ready"

#!/bin/bash
# Made by: java -jar deploy/local/target/chancery-local.jar compose-broker
# Each principal's SCRAM credentials (LOCAL DEMO passwords, deploy/compose/keys) and what it may do:
# the grants of the launcher's broker (BrokerAccess). Run by kafka-init as admin; safe to run again.
set -euo pipefail
bootstrap="${BOOTSTRAP_SERVERS:-kafka:29092}"
admin="${ADMIN_CONFIG:-/etc/kafka/secrets/broker-admin.properties}"

user() {
  /opt/kafka/bin/kafka-configs.sh --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
    --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[password=$2]"
}

# allow PRINCIPAL OPERATION RESOURCE-TYPE PATTERN-TYPE NAME...
allow() {
  local principal=$1 operation=$2 type=$3 pattern=$4
  shift 4
  local names=()
  for name in "$@"; do names+=("--$type" "$name"); done
  /opt/kafka/bin/kafka-acls.sh --bootstrap-server "$bootstrap" --command-config "$admin" --add \
    --allow-principal "User:$principal" --operation "$operation" --resource-pattern-type "$pattern" \
    "${names[@]}"
}

user reader 'ZYN2lLGW1hZaN7PKiJpyTzJ-yYXH29cbjnRKLIteqTc'
user token-issuer 'z7A_pqLxKKulBYRGCpPO567APSmms4Q2DnJcvcR6A_4'
user foreign-ministry 'NtXN6qAAFuCapeq71SLh8_B2wbBKTTl1vsySbSQb-LE'
user embassy 'MqXBo5NY8LKU1Y2A1FNwYJLrnB7c-zVW2GPNOeg22qY'
user hotline 'YhX5MyzUWltFwu4_ehiSaPeD_6cb09xovSFMgwpEp_s'
user protecting-power 'rKyV_LPwCzK2fLvqJPlNYzUlqu0sQRYIrtn_tj57mJY'
user audit 'QWcA94sBVzrntFPitcxozbEgPdMB6VUaXBMHCn_7xkc'

allow audit Read group literal 'audit'
allow audit Read topic literal 'chancery.registry.mandates' 'chancery.tokens.revoked'
allow audit Read topic prefixed 'chancery.delivery.' 'chancery.dispatch.' 'chancery.notices.'
allow audit Write topic literal 'chancery.dead-letter'
allow embassy Read group literal 'embassy'
allow embassy Read topic literal 'chancery.registry.missions'
allow embassy Read topic prefixed 'chancery.dispatch.embassy.'
allow embassy Write topic literal 'chancery.dead-letter' 'chancery.registry.missions'
allow embassy Write topic prefixed 'chancery.delivery.' 'chancery.dispatch.embassy.'
allow foreign-ministry Read group literal 'foreign-ministry'
allow foreign-ministry Read topic literal 'chancery.registry.hotlines' 'chancery.registry.mandates' 'chancery.registry.missions' 'chancery.tokens.revoked'
allow foreign-ministry Read topic prefixed 'chancery.delivery.'
allow foreign-ministry Write topic literal 'chancery.dead-letter'
allow foreign-ministry Write topic prefixed 'chancery.dispatch.' 'chancery.notices.'
allow hotline Read group literal 'hotline'
allow hotline Read topic literal 'chancery.registry.hotlines' 'chancery.tokens.revoked'
allow hotline Read topic prefixed 'chancery.dispatch.hotline.'
allow hotline Write topic literal 'chancery.dead-letter' 'chancery.registry.hotlines'
allow hotline Write topic prefixed 'chancery.delivery.' 'chancery.dispatch.hotline.'
allow protecting-power Read group literal 'protecting-power'
allow protecting-power Read topic literal 'chancery.registry.mandates'
allow protecting-power Read topic prefixed 'chancery.dispatch.protecting-power.'
allow protecting-power Write topic literal 'chancery.dead-letter' 'chancery.registry.mandates'
allow protecting-power Write topic prefixed 'chancery.delivery.' 'chancery.dispatch.protecting-power.'
allow reader Read group prefixed 'reader-'
allow reader Read topic prefixed 'chancery.'
allow token-issuer Write topic literal 'chancery.tokens.revoked'
echo "principals and grants ready"

// pulsar-client 1.18.0 (the Node addon) gives a received message's fields one method call each: the bus transport read
// five per delivery (partition key, data, properties, publish time, redelivery count), each a call into the addon on the
// JavaScript thread, the data as a Buffer copied out of libpulsar and then decoded to a string, the properties as an
// Array with named entries copied again into an object. This patch adds Message.getFields(): those five in one call,
// as [partitionKey, body (UTF-8 decoded straight from libpulsar's buffer), properties (a plain object), publish
// timestamp (ms), redelivery count]. The upstream getters stay; the transport uses getFields() when the addon has it
// (packages/messaging native-consumer.ts). Node builtins only.
import { addonPatch } from './addon-patch.mjs';

const MARKER = 'alpes: message fields';

const GET_FIELDS = `// ${MARKER}: what a bus delivery reads, in one call (see scripts/pulsar/message-fields-patch.mjs)
Napi::Value Message::GetFields(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  if (!ValidateCMessage(env)) {
    return env.Null();
  }
  pulsar_message_t *cMessage = this->cMessage.get();
  Napi::Array fields = Napi::Array::New(env, 5);
  const char *key = pulsar_message_get_partitionKey(cMessage);
  fields.Set(0u, Napi::String::New(env, key == nullptr ? "" : key));
  const char *data = static_cast<const char *>(pulsar_message_get_data(cMessage));
  size_t size = static_cast<size_t>(pulsar_message_get_length(cMessage));
  fields.Set(1u, data == nullptr ? Napi::String::New(env, "") : Napi::String::New(env, data, size));
  Napi::Object properties = Napi::Object::New(env);
  pulsar_string_map_t *cProperties = pulsar_message_get_properties(cMessage);
  int count = pulsar_string_map_size(cProperties);
  for (int i = 0; i < count; i++) {
    properties.Set(pulsar_string_map_get_key(cProperties, i), pulsar_string_map_get_value(cProperties, i));
  }
  pulsar_string_map_free(cProperties);
  fields.Set(2u, properties);
  fields.Set(3u, Napi::Number::New(env, static_cast<double>(pulsar_message_get_publish_timestamp(cMessage))));
  fields.Set(4u, Napi::Number::New(env, pulsar_message_get_redelivery_count(cMessage)));
  return fields;
}

Napi::Value Message::GetPartitionKey(const Napi::CallbackInfo &info) {`;

const EDITS = [
  {
    file: 'src/Message.h',
    from: '  Napi::Value GetRedeliveryCount(const Napi::CallbackInfo &info);\n',
    to: '  Napi::Value GetRedeliveryCount(const Napi::CallbackInfo &info);\n  Napi::Value GetFields(const Napi::CallbackInfo &info);  // alpes\n',
  },
  {
    file: 'src/Message.cc',
    from: '       InstanceMethod("getRedeliveryCount", &Message::GetRedeliveryCount),\n',
    to: '       InstanceMethod("getRedeliveryCount", &Message::GetRedeliveryCount),\n       InstanceMethod("getFields", &Message::GetFields),\n',
  },
  { file: 'src/Message.cc', from: 'Napi::Value Message::GetPartitionKey(const Napi::CallbackInfo &info) {', to: GET_FIELDS },
];

export const messageFieldsPatch = addonPatch({ name: 'message fields', marker: MARKER, markerFile: 'src/Message.cc', edits: EDITS });

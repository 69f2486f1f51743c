/**
 * What /health needs to know about the models. The inference module provides it; declared here so the
 * health check does not depend on the inference library.
 */
export abstract class ModelsHealth {
  abstract get modelsLoaded(): boolean;
}

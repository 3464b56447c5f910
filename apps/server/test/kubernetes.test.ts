// The Kubernetes manifests in deploy/kubernetes (docs/deploy.md): every object valid against the
// Kubernetes API schemas, and every figure that must agree with the server (port, probe paths,
// environment names, shutdown timings, memory) read from the server's own code and documents.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { openapiDocument } from '@bcd-api/contract';
// biome-ignore lint/style/noRestrictedImports: Kubernetes' `apps` API group, not this workspace's apps/.
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler, type IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { type IPodDisruptionBudget, PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap, type IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Container, type IContainer } from 'kubernetes-models/v1/Container';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { type ISecret, Secret } from 'kubernetes-models/v1/Secret';
import { type IService, Service } from 'kubernetes-models/v1/Service';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ConfigError, loadConfig } from '../src/index.js';

const manifestsDir = new URL('../../../deploy/kubernetes/', import.meta.url);
const benchmarks = await readFile(fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url)), 'utf8');

/** Files in deploy/kubernetes that `kubectl apply -k` must not apply, each with its reason. */
const NOT_APPLIED: Record<string, string> = {
  'secret.example.yaml': 'an example: the real Secret is made from a generated key, never committed',
  'kserve/inferenceservice.yaml': 'an alternative to the Deployment, for clusters running KServe',
};

type Json = Record<string, unknown>;
interface Manifest {
  file: string;
  object: Json;
}

async function yamlFiles(dir: URL, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...(await yamlFiles(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`)));
    else if (/\.ya?ml$/.test(entry.name)) found.push(`${prefix}${entry.name}`);
  }
  return found.sort();
}

const files = await yamlFiles(manifestsDir);
const manifests: Manifest[] = [];
for (const file of files) {
  for (const doc of parseAllDocuments(await readFile(fileURLToPath(new URL(file, manifestsDir)), 'utf8'))) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const object: unknown = doc.toJS();
    if (object !== null) manifests.push({ file, object: object as Json });
  }
}

function only<T>(kind: string, file?: string): T {
  const found = manifests.filter((m) => m.object.kind === kind && (file === undefined || m.file === file));
  if (found.length !== 1) throw new Error(`expected one ${kind}${file ? ` in ${file}` : ''}, found ${found.length}`);
  return (found[0] as Manifest).object as T;
}

const kustomization = only<{ resources: string[] }>('Kustomization', 'kustomization.yaml');
const configMap = only<IConfigMap>('ConfigMap');
const deployment = only<IDeployment>('Deployment');
const service = only<IService>('Service');
const hpa = only<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler');
const pdb = only<IPodDisruptionBudget>('PodDisruptionBudget');
const exampleSecret = only<ISecret>('Secret', 'secret.example.yaml');
const inferenceService = only<{ apiVersion: string; spec: { predictor: { containers: IContainer[] } } }>('InferenceService');

const podSpec = deployment.spec?.template.spec;
if (!podSpec) throw new Error('the Deployment has no pod template spec');
const server = podSpec.containers[0] as IContainer;
const podLabels = deployment.spec?.template.metadata?.labels ?? {};
const kserveContainers = inferenceService.spec.predictor.containers;
const settings = configMap.data ?? {};
/** The settings the pods run with: the ConfigMap over the server's defaults (throws on a bad value). */
const podConfig = () => loadConfig(settings);

/** Schemas by `apiVersion/kind`: a kind the test does not know fails rather than going unchecked. */
const SCHEMAS: Record<string, { prototype: { validate(): void } }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/**
 * Validates `data` against a kubernetes-models schema, then lists the fields that the schema does
 * not define. The schemas (from Kubernetes' OpenAPI) allow unknown fields, but the API server's
 * strict field validation (kubectl's default) rejects them, and a misspelt `readinesProbe` would
 * otherwise pass in silence. kubernetes-models' compiled validators read every property they
 * define, and every key of a map; a key they never read is not in the schema. The test 'the
 * strict check finds a field the schema does not define' keeps this true for the installed version.
 */
function unknownFields(schema: { prototype: { validate(): void } }, data: unknown): string[] {
  const read = new WeakMap<object, Set<string | symbol>>();
  const track = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const keys = read.get(value) ?? new Set<string | symbol>();
    read.set(value, keys);
    return new Proxy(value, {
      get(target, key) {
        keys.add(key);
        return track(Reflect.get(target, key));
      },
      has(target, key) {
        keys.add(key);
        return Reflect.has(target, key);
      },
    });
  };
  schema.prototype.validate.call(track(data));
  const unknown: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${path}/${i}`);
      return;
    }
    const keys = read.get(value);
    for (const [key, child] of Object.entries(value)) {
      if (keys?.has(key)) walk(child, `${path}/${key}`);
      else unknown.push(`${path}/${key}`);
    }
  };
  walk(data, '');
  return unknown;
}

/** Every environment variable that loadConfig reads, with its defaults and with `env`. */
function variablesRead(env: Record<string, string>): Set<string> {
  const read = new Set<string>();
  const spy = (target: Record<string, string>) =>
    new Proxy(target, {
      get(t, key) {
        if (typeof key === 'string') read.add(key);
        return Reflect.get(t, key);
      },
    });
  loadConfig(spy({}));
  loadConfig(spy(env));
  return read;
}

/** The container port a probe or Service names, by name or number. */
function portOf(container: IContainer, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function probes(container: IContainer): [string, IProbe | undefined][] {
  return [
    ['startupProbe', container.startupProbe],
    ['livenessProbe', container.livenessProbe],
    ['readinessProbe', container.readinessProbe],
  ];
}

/** Kubernetes memory quantities in MiB; only the binary suffixes these manifests use. */
function mebibytes(quantity: string | number | undefined): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(String(quantity));
  if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

describe('deploy/kubernetes', () => {
  test('kustomization.yaml applies every manifest but the named examples, and nothing else', () => {
    const manifestFiles = files.filter((f) => f !== 'kustomization.yaml');
    for (const file of Object.keys(NOT_APPLIED)) expect(manifestFiles, `${file} is listed in NOT_APPLIED`).toContain(file);
    const applied = manifestFiles.filter((f) => !(f in NOT_APPLIED));
    expect([...kustomization.resources].sort()).toEqual(applied);
  });

  const apiObjects = manifests.filter((m) => m.object.kind !== 'Kustomization' && m.object.kind !== 'InferenceService');
  test.each(apiObjects.map((m) => [m.file, m.object.kind, m.object] as const))(
    '%s: the %s is valid against the Kubernetes schema, with no field it does not define',
    (_file, _kind, object) => {
      const schema = SCHEMAS[`${object.apiVersion}/${object.kind}`];
      expect(schema, `a schema for ${object.apiVersion} ${object.kind}`).toBeDefined();
      expect(unknownFields(schema as (typeof SCHEMAS)[string], object)).toEqual([]);
    },
  );

  test('the KServe InferenceService is serving.kserve.io/v1beta1 and its container a valid Kubernetes Container', () => {
    expect(inferenceService.apiVersion).toBe('serving.kserve.io/v1beta1');
    expect(kserveContainers.map((c) => c.name)).toEqual(['kserve-container']);
    for (const container of kserveContainers) expect(unknownFields(Container, container)).toEqual([]);
  });

  test('the strict check finds a field the schema does not define, and a wrong type', () => {
    const container: Json = { name: 'server', image: 'bcd-api-server', readinesProbe: { httpGet: { path: '/', port: 80 } } };
    const typo = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'typo', labels: { app: 'typo' } },
      spec: {
        selector: { matchLabels: { app: 'typo' } },
        template: { metadata: { labels: { app: 'typo' } }, spec: { containers: [container] } },
      },
    };
    expect(unknownFields(Deployment, typo)).toEqual(['/spec/template/spec/containers/0/readinesProbe']);
    container.ports = [{ name: 'http', containerPort: '7860' }];
    expect(() => unknownFields(Deployment, typo)).toThrow(/containerPort must be integer/);
  });

  test('every ConfigMap key is a variable the server reads, with a value it accepts', () => {
    const read = variablesRead(settings);
    expect(Object.keys(settings).filter((key) => !read.has(key))).toEqual([]);
    expect(() => loadConfig(settings)).not.toThrow();
    const named = [...(server.env ?? []), ...kserveContainers.flatMap((c) => c.env ?? [])].map((e) => e.name);
    expect(named.filter((name) => !read.has(name))).toEqual([]);
  });

  test('API keys come only from the optional Secret, whose example key the server refuses to start with', () => {
    expect(settings).not.toHaveProperty('API_KEYS');
    const secretName = exampleSecret.metadata?.name;
    for (const container of [server, ...kserveContainers]) {
      const apiKeys = container.env?.find((e) => e.name === 'API_KEYS');
      expect(apiKeys?.valueFrom?.secretKeyRef).toEqual({ name: secretName, key: 'API_KEYS', optional: true });
    }
    const example = exampleSecret.stringData?.API_KEYS;
    expect(() => loadConfig({ API_KEYS: example })).toThrow(ConfigError);
  });

  test('the container, its probes and the Service use the port the server listens on', () => {
    const config = podConfig();
    const http = server.ports?.find((p) => p.name === 'http');
    expect(http?.containerPort).toBe(config.port);
    for (const [name, probe] of probes(server)) expect(portOf(server, probe?.httpGet?.port), name).toBe(config.port);
    expect(service.spec?.ports?.map((p) => [p.name, p.port, portOf(server, p.targetPort)])).toEqual([['http', 80, config.port]]);
  });

  test('the Prometheus annotations scrape each pod on a GET operation of openapi.yaml, on the server port', () => {
    const annotations = deployment.spec?.template.metadata?.annotations ?? {};
    expect(annotations['prometheus.io/scrape']).toBe('true');
    expect(annotations['prometheus.io/port']).toBe(String(podConfig().port));
    const paths = openapiDocument.paths as Record<string, Record<string, unknown>>;
    expect(paths[annotations['prometheus.io/path'] ?? '']?.get).toBeDefined();
  });

  test('the KServe container declares the default port and lets KServe (Knative) set PORT', () => {
    const defaultPort = loadConfig({}).port;
    for (const container of kserveContainers) {
      expect(container.ports?.map((p) => p.containerPort)).toEqual([defaultPort]);
      expect(container.env?.map((e) => e.name)).not.toContain('PORT');
      for (const [name, probe] of probes(container)) {
        if (probe) expect(probe.httpGet?.port, name).toBe(defaultPort);
      }
    }
  });

  test('the probes are GET operations of openapi.yaml: liveness /health/live, readiness and start-up /health/ready', () => {
    const paths = openapiDocument.paths as Record<string, Record<string, unknown>>;
    for (const container of [server, ...kserveContainers]) {
      for (const [name, probe] of probes(container)) {
        if (!probe && name === 'startupProbe' && container !== server) continue;
        const path = probe?.httpGet?.path ?? '';
        expect(paths[path]?.get, `${name} ${path}`).toBeDefined();
      }
      expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
    }
    expect(['/health/live', '/health/ready']).toContain(server.startupProbe?.httpGet?.path);
  });

  test('terminationGracePeriodSeconds covers the preStop sleep, SHUTDOWN_GRACE_MS and SHUTDOWN_TIMEOUT_MS', () => {
    const config = podConfig();
    const preStopSeconds = server.lifecycle?.preStop?.sleep?.seconds;
    expect(preStopSeconds, 'a preStop sleep action').toBeGreaterThan(0);
    const needed = (preStopSeconds as number) + (config.shutdownGraceMs + config.shutdownTimeoutMs) / 1000;
    expect(podSpec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(needed);
  });

  test('the pods run as UID 10001, non-root, read-only, without privilege escalation or capabilities, under RuntimeDefault seccomp', () => {
    expect(podSpec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    for (const container of [server, ...kserveContainers]) {
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    }
  });

  test('the memory request holds the measured soak peak of BENCHMARKS.md, and the limit more', () => {
    const peak = /server RSS: \d+ MB at start, peak (\d+) MB \(VmHWM/.exec(benchmarks);
    expect(peak, 'the soak result in BENCHMARKS.md').not.toBeNull();
    // The soak prints VmHWM (kB) / 1024, so its "MB" are MiB.
    const peakMiB = Number(peak?.[1]);
    for (const container of [server, ...kserveContainers]) {
      const request = mebibytes(container.resources?.requests?.memory);
      expect(request).toBeGreaterThanOrEqual(peakMiB);
      expect(mebibytes(container.resources?.limits?.memory)).toBeGreaterThan(request);
    }
  });

  test("the Service, the HPA and the disruption budget reach the Deployment's pods, and at least 2 replicas always run", () => {
    expect(podLabels).toMatchObject(deployment.spec?.selector.matchLabels ?? { missing: true });
    expect(podLabels).toMatchObject(service.spec?.selector ?? { missing: true });
    expect(podLabels).toMatchObject(pdb.spec?.selector?.matchLabels ?? { missing: true });
    expect(hpa.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata?.name });
    expect(hpa.spec?.minReplicas).toBeGreaterThanOrEqual(2);
    // The HPA owns the count; a `replicas` in the Deployment would reset it on every apply.
    expect(deployment.spec).not.toHaveProperty('replicas');
    const envFrom = server.envFrom?.map((e) => e.configMapRef?.name);
    expect(envFrom).toEqual([configMap.metadata?.name]);
  });
});

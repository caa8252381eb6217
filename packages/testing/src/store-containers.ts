import { ElasticsearchContainer } from '@testcontainers/elasticsearch';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { RabbitMQContainer } from '@testcontainers/rabbitmq';
import { RedisContainer } from '@testcontainers/redis';
import { GenericContainer, Wait } from 'testcontainers';

/**
 * PASAR_STACK=containers: the native stack's stores, each in a container that testcontainers starts
 * (a laptop with Docker and no Debian build of the servers), on host ports Docker picks.
 */
export const inContainers = () => process.env.PASAR_STACK === 'containers';

const POSTGRES_ADMIN_PASSWORD = 'postgres';

interface Store {
  /** The native component it stands in for: the container is named after it. */
  component: string;
  /** Each port variable the component's file reads, and the container port it is. */
  ports: Record<string, number>;
  container: () => GenericContainer;
}

/** The image a store runs: the official one, or the PASAR_IMAGE_* override (CI's local builds). */
export const storeImage = (variable: string, official: string) => process.env[variable] || official;
export const redisImage = () => storeImage('PASAR_IMAGE_REDIS', 'redis:7');
export const rabbitmqImage = () => storeImage('PASAR_IMAGE_RABBITMQ', 'rabbitmq:3-management');

const STORES: Store[] = [
  {
    component: 'postgres',
    ports: { POSTGRES_PORT: 5432 },
    container: () =>
      new PostgreSqlContainer(storeImage('PASAR_IMAGE_POSTGRES', 'postgres:15'))
        .withDatabase('postgres')
        .withUsername('postgres')
        .withPassword(POSTGRES_ADMIN_PASSWORD),
  },
  {
    component: 'redis',
    ports: { REDIS_PORT: 6379 },
    container: () => new RedisContainer(redisImage()),
  },
  {
    component: 'rabbitmq',
    ports: { RABBITMQ_PORT: 5672 },
    container: () =>
      new RabbitMQContainer(rabbitmqImage())
        // The module waits for a log line the image may print before the port answers (or, built from Debian, not at all).
        .withWaitStrategy(Wait.forSuccessfulCommand('rabbitmq-diagnostics -q check_port_connectivity'))
        .withStartupTimeout(180_000),
  },
  {
    component: 'elasticsearch',
    ports: { ELASTICSEARCH_PORT: 9200 },
    container: () =>
      new ElasticsearchContainer(storeImage('PASAR_IMAGE_ELASTICSEARCH', 'docker.elastic.co/elasticsearch/elasticsearch:8.19.7'))
        // As the native stack and compose: no TLS or login on a dev store, and shards placed whatever the disk.
        .withEnvironment({
          'xpack.security.enabled': 'false',
          'cluster.routing.allocation.disk.threshold_enabled': 'false',
          ES_JAVA_OPTS: '-Xms512m -Xmx512m',
        })
        // The module asks GET /, which CI's stand-in (the integ-test distribution, no rest-root module) does not serve.
        .withWaitStrategy(Wait.forHttp('/_cluster/health?wait_for_status=yellow&timeout=1s', 9200))
        .withStartupTimeout(300_000),
  },
  {
    // The module makes a replica set, which the product service does not need and FerretDB (CI's stand-in) cannot make.
    component: 'ferretdb',
    ports: { FERRETDB_PORT: 27017 },
    container: () => new GenericContainer(storeImage('PASAR_IMAGE_MONGO', 'mongo:7')).withWaitStrategy(Wait.forListeningPorts()),
  },
  {
    // 1.8, as the native stack: the tests lay out their buckets with InfluxQL, which 2.x cannot do.
    component: 'influxdb',
    ports: { INFLUXDB_PORT: 8086 },
    container: () =>
      new GenericContainer(storeImage('PASAR_IMAGE_INFLUXDB', 'influxdb:1.8'))
        .withEnvironment({ INFLUXDB_HTTP_FLUX_ENABLED: 'true', INFLUXDB_REPORTING_DISABLED: 'true' })
        .withWaitStrategy(Wait.forHttp('/health', 8086)),
  },
  {
    component: 'mailpit',
    ports: { SMTP_PORT: 1025, MAILPIT_HTTP_PORT: 8025 },
    container: () =>
      new GenericContainer(storeImage('PASAR_IMAGE_MAILPIT', 'axllent/mailpit:v1.27')).withWaitStrategy(Wait.forHttp('/readyz', 8025)),
  },
  {
    component: 'zipkin',
    ports: { ZIPKIN_PORT: 9411 },
    container: () =>
      new GenericContainer(storeImage('PASAR_IMAGE_ZIPKIN', 'openzipkin/zipkin:3'))
        .withEnvironment({ STORAGE_TYPE: 'mem', MEM_MAX_SPANS: '100000' })
        .withWaitStrategy(Wait.forHttp('/health', 9411))
        .withStartupTimeout(180_000),
  },
];

async function startStore(store: Store, namePrefix: string, checkout: string): Promise<string[]> {
  const started = await store
    .container()
    .withName(`${namePrefix}-${store.component}`)
    .withLabels({ 'dev.pasar.checkout': checkout, 'dev.pasar.component': store.component })
    .withExposedPorts(...Object.values(store.ports))
    .start();
  console.error(`[containers] ${store.component} ready (${started.getName().replace(/^\//, '')})`);
  return Object.entries(store.ports).map(([variable, port]) => `${variable}=${started.getMappedPort(port)}`);
}

/**
 * Starts every store (named `<namePrefix>-<component>`, labelled with the checkout) and answers the
 * lines stack.sh reads: each port variable with the host port Docker picked, and the admin password.
 */
export async function startStoreContainers(namePrefix: string, checkout: string): Promise<string[]> {
  const lines = (await Promise.all(STORES.map((store) => startStore(store, namePrefix, checkout)))).flat();
  return [...lines, `POSTGRES_ADMIN_PASSWORD=${POSTGRES_ADMIN_PASSWORD}`];
}

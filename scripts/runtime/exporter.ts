import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot, findJavaHome } from './zeebe.js';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'exporters', 'postgres-exporter');

export const EXPORTER_CLASS = 'dispatch.exporter.PostgresExporter';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

/**
 * The exporter jar for the current sources, built with Maven on first use. It is cached under a
 * hash of pom.xml and src/main, not by modification time: a checkout of other sources (another
 * worktree, a branch switch) then always gets its own jar, and a build cut short never leaves a
 * jar that looks current, because the cached copy is renamed into place only after Maven succeeded.
 */
export function ensureExporterJar(log: (msg: string) => void = console.log): string {
  const hash = createHash('sha256');
  for (const f of [path.join(projectDir, 'pom.xml'), ...files(path.join(projectDir, 'src', 'main')).sort()]) {
    hash.update(path.relative(projectDir, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  }
  const jar = path.join(cacheRoot, 'exporters', `postgres-exporter-${hash.digest('hex').slice(0, 16)}.jar`);
  if (fs.existsSync(jar)) return jar;

  const javaHome = findJavaHome();
  log('building the PostgreSQL exporter (exporters/postgres-exporter, once per source change)');
  const started = Date.now();
  // Output is shown on failure only: even with -q, Maven 3.8 prints ANSI resets, and on JDK 23+ Unsafe warnings.
  const build = spawnSync('mvn', ['-q', '-B', 'package'], {
    cwd: projectDir,
    encoding: 'utf8',
    env: { ...process.env, JAVA_HOME: javaHome },
  });
  if (build.status !== 0) {
    throw new Error(`building the exporter failed (mvn package in ${projectDir}):\n${build.stdout ?? ''}${build.stderr ?? ''}${build.error ?? ''}`);
  }
  fs.mkdirSync(path.dirname(jar), { recursive: true });
  const staging = `${jar}.${process.pid}.tmp`;
  fs.copyFileSync(path.join(projectDir, 'target', 'postgres-exporter.jar'), staging);
  fs.renameSync(staging, jar);
  log(`exporter built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return jar;
}

export interface JdbcTarget {
  url: string;
  user?: string;
  password?: string;
}

/** node-pg's `postgres://user:pass@host:port/db?opts` as pgjdbc wants it: credentials apart from the URL. */
export function jdbcTarget(databaseUrl: string): JdbcTarget {
  const u = new URL(databaseUrl);
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error(`not a PostgreSQL URL: ${u.protocol}`);
  return {
    url: `jdbc:postgresql://${u.host || 'localhost'}${u.pathname}${u.search}`,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
  };
}

/** The broker environment that loads the exporter; ARGS keys are lower-case single words (see ExporterConfig.java). */
export function exporterEnv(jarPath: string, target: JdbcTarget): Record<string, string> {
  const env: Record<string, string> = {
    ZEEBE_BROKER_EXPORTERS_POSTGRES_CLASSNAME: EXPORTER_CLASS,
    ZEEBE_BROKER_EXPORTERS_POSTGRES_JARPATH: jarPath,
    ZEEBE_BROKER_EXPORTERS_POSTGRES_ARGS_URL: target.url,
  };
  if (target.user) env.ZEEBE_BROKER_EXPORTERS_POSTGRES_ARGS_USER = target.user;
  if (target.password) env.ZEEBE_BROKER_EXPORTERS_POSTGRES_ARGS_PASSWORD = target.password;
  return env;
}

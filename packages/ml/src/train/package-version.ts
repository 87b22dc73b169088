/** This package's version, recorded in every model file. */
import packageJson from '../../package.json' with { type: 'json' };

export const PACKAGE_VERSION: string = packageJson.version;

export { mountWeb, createWebRouter } from './web-app';
export { loadWebConfig, WebConfigError } from './web-config';
export { isWebPath } from './web-paths';

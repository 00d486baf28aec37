import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { proxy: { '/api': 'http://localhost:8080', '/fn': 'http://localhost:8080' } },
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'jsdom',
		setupFiles: ['src/test-setup.ts']
	},
	resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined
});

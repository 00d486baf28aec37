// An unknown path is a normal answer (the "Not found" page), not a fault worth a console error; other
// failures are still logged for whoever debugs them.
import type { HandleClientError } from '@sveltejs/kit';

export const handleError: HandleClientError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message };
};

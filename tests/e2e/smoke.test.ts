import { expect, test } from '@playwright/test';

test('the home page has a heading', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('h1')).toBeVisible();
});

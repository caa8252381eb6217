/** The storefront's languages: Indonesian (the default) and English, as the API's Locale. */
export type Language = 'id' | 'en';
